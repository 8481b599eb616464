/** Files and directories passed between steps as artifacts: their storage layout, manifests and digests. */
package dev.kfp4j.runtime.artifact;
