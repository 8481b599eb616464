/** The wire formats kfp4j's processor writes and its runtime and clients read: one definition of each. */
package dev.kfp4j.wire;
