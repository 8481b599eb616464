// Checks the console output of the five invocations (invoker.properties) and the run folders they left.
def log = new File(basedir, 'build.log').text
assert log.contains('4 words, longest quick') : 'word-stats with the configured parameter'
assert log.contains('1 words, longest jumps') : 'word-stats with -Dkfp4j.param.text'
assert log =~ /(?m)^false$/ : 'classpath-probe: the runner classpath must hold no Kubernetes client'
assert log.contains('this project has 2 pipelines (classpath-probe, word-stats): choose one with -Dkfp4j.pipeline=NAME')
assert log.contains('word-stats(text: String)') : 'kfp4j:list names the pipeline and its parameters with their Java types'
def runs = new File(basedir, '.kfp4j/runs').listFiles().findAll { it.isDirectory() }
assert runs.size() == 3 : "three runs recorded, found ${runs*.name}"
// Task JVMs of kfp4j:run share a start-up archive, as with the kfp4j command: target/classes packed into a
// jar (the JVM archives classes from jars only) and the archive recorded by the first task JVM.
def cds = new File(basedir, '.kfp4j/cache/cds')
assert cds.listFiles().any { it.name.endsWith('.jsa') && it.length() > 0 } : "an AppCDS archive in ${cds}: ${cds.list()}"
assert new File(cds, 'jars').listFiles().any { it.name.endsWith('.jar') } : 'target/classes packed into a jar for the archive'
def taskLogs = []
new File(basedir, '.kfp4j/runs').eachFileRecurse { if (it.name.endsWith('.log')) taskLogs << it }
assert !taskLogs.isEmpty()
assert !taskLogs.any { it.text.contains('[cds') } : 'no task JVM warned about the archive'
// The cluster goal got as far as the cluster: its client was on the command's classpath.
assert log.contains('kfp4j kfp upload failed: the cluster or the KFP API refused, failed or was not reachable; see the message above (exit code 6)')
return true
