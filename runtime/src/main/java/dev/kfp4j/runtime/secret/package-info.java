/** Keeping credentials out of every message kfp4j prints: one redaction for every text a server or a user handed in. */
package dev.kfp4j.runtime.secret;
