/** The {@code @Component} phase of a round: validate each method, claim its names, write its entrypoint and descriptor. */
package dev.kfp4j.processor.component;
