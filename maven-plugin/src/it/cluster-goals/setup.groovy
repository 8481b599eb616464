// Starts the two stand-ins the cluster goals talk to, on loopback ports chosen by the system, and points the
// project at them:
// - fabric8's mock Kubernetes API server in CRUD mode (it stores what is created; it runs no Argo controller),
//   reached through kubeconfig.yaml (invoker.properties sets KUBECONFIG);
// - the KFP API stand-in that checks every request against KFP's swagger files and answers with recorded
//   responses (kfp4j-kfp-client's test jar), reached through -Dkfp4j.host in .mvn/maven.config.
// verify.groovy reads what they received and stops them (context is shared by the two scripts).
import dev.kfp4j.cluster.kfp.SwaggerCheckedServer
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer
import io.fabric8.mockwebserver.Context
import io.fabric8.mockwebserver.MockWebServer

def kubernetes = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
    new KubernetesCrudDispatcher(), false)
kubernetes.init(InetAddress.getLoopbackAddress(), 0)
context.put('kubernetes', kubernetes)
new File(basedir, 'kubeconfig.yaml').text = """\
apiVersion: v1
kind: Config
clusters:
- name: mock
  cluster:
    server: http://127.0.0.1:${kubernetes.port}
contexts:
- name: mock
  context:
    cluster: mock
    namespace: ml
    user: mock
current-context: mock
users:
- name: mock
  user:
    token: kube-secret-token-1234
"""

def kfp = new SwaggerCheckedServer()
context.put('kfp', kfp)
// kfp4j:upload, then kfp4j:kfp-run (finds the experiment, creates the run, returns: -Dkfp4j.noWait).
kfp.reply('UploadPipeline', 200, 'pipeline.json')
    .reply('ExperimentService_ListExperiments', 200, 'experiments-one.json')
    .reply('RunService_CreateRun', 200, 'run-pending.json')
new File(basedir, 'kfp-token').text = 'kfp-secret-token-5678\n'
new File(basedir, '.mvn').mkdirs()
new File(basedir, '.mvn/maven.config').text = "-Dkfp4j.host=${kfp.endpoint()}\n-Dkfp4j.tokenFile=kfp-token\n"
return true
