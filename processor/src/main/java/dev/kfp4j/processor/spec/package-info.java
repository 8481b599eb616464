/** Spec writers over the model: KFP IR, Argo Workflow, component specs, Mermaid; Argo's engine limits. */
package dev.kfp4j.processor.spec;
