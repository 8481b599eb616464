/** Running container steps locally: with docker or podman, or their command on the host when allowed. */
package dev.kfp4j.local.container;
