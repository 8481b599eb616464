// The pom.xml of this project is exactly the one README.md gives a new user (the first ```xml block after the
// heading "Use it in your own Maven project"), so the README's set-up cannot drift from a working one.
def text = new File(readme).text
def section = text.substring(text.indexOf('## Use it in your own Maven project'))
def matcher = section =~ /(?s)```xml\n(.*?)```/
assert matcher.find() : 'README.md has no ```xml block in its set-up section'
def pom = matcher.group(1)
assert pom.contains('<artifactId>kfp4j-maven-plugin</artifactId>')
new File(basedir, 'pom.xml').text = pom
return true
