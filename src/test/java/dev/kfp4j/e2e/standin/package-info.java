/**
 * TEST STAND-INS for the engines, not the engines. No Argo Workflows controller, Kubernetes scheduler,
 * container runtime or Kubeflow Pipelines backend can run on the build machines, so these classes play their
 * parts, faithfully to the upstream code they cite, just far enough to run the specs kfp4j generates: the
 * Argo controller and executor over a Workflow stored on fabric8's mock API server
 * ({@link dev.kfp4j.e2e.standin.ArgoControllerStandIn}), KFP's driver and launcher over a compiled IR
 * ({@link dev.kfp4j.e2e.standin.KfpLauncherStandIn}), and a container as a local JVM
 * ({@link dev.kfp4j.e2e.standin.LocalPods}). They prove the generated specs are wired right and the
 * generated entrypoints speak both protocols; they do not prove what only a real cluster can (see
 * docs/engines.md).
 */
package dev.kfp4j.e2e.standin;
