/** The local runner's one exception, which every layer of it throws: at the bottom, so that no layer depends upward. */
package dev.kfp4j.local.error;
