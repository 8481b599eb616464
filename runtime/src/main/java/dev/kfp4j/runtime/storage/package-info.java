/**
 * Where values live: the {@code ObjectStore} SPI chosen by URI scheme, the {@code file://} and
 * {@code http(s)://} stores, address rules and the configured storage roots.
 */
package dev.kfp4j.runtime.storage;
