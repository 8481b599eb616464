/** The {@code @Pipeline} phase: reads each pipeline body (javac's Tree API) into a model of tasks and checks the graph. */
package dev.kfp4j.processor.pipeline;
