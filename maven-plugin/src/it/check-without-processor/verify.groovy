def log = new File(basedir, 'build.log').text
assert log.contains('[kfp4j:ProcessorDidNotRun] com.example.plain.Plain has @Component/@Pipeline methods, but the kfp4j annotation processor did not run')
assert log.contains("kfp4j-processor is not on maven-compiler-plugin's <annotationProcessorPaths>")
assert !log.contains('ignores <annotationProcessorPaths>') : 'the compiler plugin version is pinned: no version complaint'
return true
