/**
 * The run context: the JSON a step receives and passes on (run id, storage root, the address of every
 * named value), and the credential-name check that keeps secrets out of it.
 */
package dev.kfp4j.runtime.context;
