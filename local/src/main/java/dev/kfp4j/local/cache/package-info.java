/**
 * The local runner's execution cache: earlier executions of a component with the same inputs, reused
 * like KFP's cache.
 */
package dev.kfp4j.local.cache;
