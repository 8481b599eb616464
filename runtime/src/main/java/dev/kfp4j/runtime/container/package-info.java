/**
 * Value transfers for container steps that cannot reach the run's storage themselves (KFP's plain
 * container protocol): input values out of storage as text, output files back into storage.
 */
package dev.kfp4j.runtime.container;
