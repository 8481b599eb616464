/**
 * {@code s3://} storage through the AWS SDK v2 (AWS S3, MinIO, any S3-compatible store), found through
 * {@code ServiceLoader} so that only images that use it carry it.
 */
package dev.kfp4j.runtime.storage.s3;
