/** Immutable models between the phases (components, pipelines, the sealed Task kinds, graphs) and the naming rules; no Elements. */
package dev.kfp4j.processor.model;
