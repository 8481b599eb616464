/** The kfp4j annotation processor's entry: its options and the order of its phases in a round. */
package dev.kfp4j.processor;
