// Checks what the two stand-ins received from the three cluster goals (invoker.properties), and that no token
// reached the console.
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext

def kubernetes = context.get('kubernetes')
def kfp = context.get('kfp')
try {
  def log = new File(basedir, 'build.log').text
  assert !log.contains('kube-secret-token-1234') && !log.contains('kfp-secret-token-5678') : 'a token in the console'

  // kfp4j:submit created one Workflow in the kubeconfig context's namespace, with the -D parameter.
  def client = kubernetes.createClient()
  def workflows = new ResourceDefinitionContext.Builder().withGroup('argoproj.io').withVersion('v1alpha1')
      .withKind('Workflow').withPlural('workflows').withNamespaced(true).build()
  def created = client.genericKubernetesResources(workflows).inNamespace('ml').list().items
  assert created.size() == 1 : "one Workflow in namespace ml, found ${created*.metadata*.name}"
  def workflow = created[0]
  assert workflow.metadata.name.startsWith('wc-') : workflow.metadata.name
  assert log.contains(workflow.metadata.name) : 'kfp4j:submit prints the created Workflow'
  def spec = workflow.additionalProperties.spec
  assert spec.arguments.parameters.find { it.name == 'text' }.value == 'the_quick_fox'
  assert spec.templates.any { t -> t.container?.args?.any { it.contains('Words_CountEntrypoint') } } ||
      spec.templates.any { t -> t.container?.command?.any { it.contains('Words_CountEntrypoint') } } :
      'the Workflow runs the project\'s generated entrypoints'
  assert groovy.json.JsonOutput.toJson(spec).contains('minio-creds') : 'the storage secret is referenced by name'
  client.close()

  // kfp4j:upload and kfp4j:kfp-run: every request matched KFP's swagger, every recorded reply was used.
  kfp.assertClean()
  def requests = kfp.requests()
  assert requests*.operationId() == ['UploadPipeline', 'ExperimentService_ListExperiments', 'RunService_CreateRun']
  assert requests.every { it.header('Authorization') == 'Bearer kfp-secret-token-5678' }
  def run = requests[2].json()
  assert run.at('/runtime_config/parameters/text').asText() == 'jumps'
  assert run.at('/pipeline_spec/pipelineInfo/name').asText() == 'word-count'
  assert run.at('/display_name').asText() == 'wc-1'
  // What the goals print comes from the recorded replies (pipeline p-1, run r-1 named avg-1).
  assert log.contains('pipeline p-1 calculate-average') : 'kfp4j:upload prints the uploaded pipeline'
  assert log.contains('run r-1 avg-1 in experiment averages') : 'kfp4j:kfp-run prints the created run'
  assert new String(requests[0].body(), 'UTF-8').contains('word-count') : 'the upload carries the project\'s IR'
} finally {
  kfp.close()
  kubernetes.destroy()
}
return true
