def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 1, Failures: 0') : 'surefire runs the JUnit 5 test (an unpinned surefire runs none)'
assert new File(basedir, 'target/classes/META-INF/kfp4j/calculate-average/pipeline.yaml').isFile() : 'the processor ran'
assert log =~ /(?m)^6\.0$/ : 'kfp4j:run prints the pipeline output'
return true
