/**
 * The per-task option annotations ({@code @Retry}, {@code @Resources}, {@code @Timeout}, {@code @Env}, …) read into
 * {@code TaskOptions} and checked, wherever they are written: on a method, on a pipeline, on a call's variable.
 */
package dev.kfp4j.processor.options;
