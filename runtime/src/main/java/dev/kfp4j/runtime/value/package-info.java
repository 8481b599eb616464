/**
 * The value codec: Java values to and from the JSON that travels between steps, typed by {@code ValueType}.
 */
package dev.kfp4j.runtime.value;
