#!/usr/bin/env python3
"""The seed article's heavyweight add and div, as one program speaking kfp4j's context protocol.

    avg_steps.py add|div --contexts JSON_ARRAY --task NAME --inputs JSON --output-context FILE
    avg_steps.py add|div --executor_input JSON          (under Kubeflow Pipelines)

Context protocol (docs/container-steps.md): merge the contexts, read each input from the address its
binding names, compute, write each output as JSON to <root><task>/<output>.json, add its address to
the context as "<task>.<output>", and write the updated context to FILE. Only file:// storage is
handled here; a program for S3 would use its own client (credentials from its environment).
Standard library only: any python3 image runs it.
"""
import json
import os
import sys
import tempfile
from urllib.parse import unquote, urlparse


def add(numbers):
    return int(sum(numbers))  # NUMBER_INTEGER: KFP's executor input may carry 1.0 for 1


def div(sum, numbers):
    return float(sum) / len(numbers)


STEPS = {"add": (add, ["numbers"]), "div": (div, ["sum", "numbers"])}


def fail(message, code=4):
    print("avg_steps: " + message, file=sys.stderr)
    sys.exit(code)


def path_of(address):
    url = urlparse(address)
    if url.scheme != "file":
        fail("address %s: only file:// storage is supported by this program" % address)
    return unquote(url.path)


def write_atomically(path, text):
    folder = os.path.dirname(path) or "."
    os.makedirs(folder, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder, prefix=".", suffix=".partial")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temp, path)


def flatten(items):
    for item in items:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item


def merge(contexts):
    merged = {"runId": contexts[0]["runId"], "root": contexts[0]["root"], "values": {}}
    for context in contexts:
        if context["runId"] != merged["runId"] or context["root"] != merged["root"]:
            fail("contexts of different runs cannot be merged", 3)
        for name, address in context.get("values", {}).items():
            if merged["values"].setdefault(name, address) != address:
                fail("contexts disagree on value '%s'" % name, 3)
    return merged


def context_protocol(step, options):
    function, parameters = STEPS[step]
    context = merge(list(flatten(json.loads(options["--contexts"]))))
    bindings = json.loads(options["--inputs"])
    task = options["--task"]
    values = {}
    for name in parameters:
        binding = bindings.get(name)
        if binding is None:
            fail("input '%s' is not bound in --inputs" % name)
        if "value" in binding:
            values[name] = binding["value"]
            continue
        address = context["values"].get(binding["from"])
        if address is None:
            fail("input '%s': the context has no value '%s'" % (name, binding["from"]))
        with open(path_of(address), encoding="utf-8") as value:
            values[name] = json.load(value)
    result = function(**values)
    root = context["root"] if context["root"].endswith("/") else context["root"] + "/"
    address = root + task + "/Output.json"
    write_atomically(path_of(address), json.dumps(result))
    context["values"][task + ".Output"] = address
    context["values"] = dict(sorted(context["values"].items()))
    write_atomically(options["--output-context"], json.dumps(context, separators=(",", ":")) + "\n")


def executor_protocol(step, executor_input):
    function, parameters = STEPS[step]
    given = json.loads(executor_input)["inputs"].get("parameterValues", {})
    result = function(**{name: given[name] for name in parameters})
    output = json.loads(executor_input)["outputs"]["parameters"]["Output"]["outputFile"]
    write_atomically(output, json.dumps(result))


def main(argv):
    if not argv or argv[0] not in STEPS:
        fail("usage: avg_steps.py add|div --contexts … | --executor_input …", 2)
    step, rest = argv[0], argv[1:]
    if len(rest) % 2:
        fail("options come in pairs: " + " ".join(rest), 2)
    options = dict(zip(rest[::2], rest[1::2]))
    if "--executor_input" in options:
        executor_protocol(step, options["--executor_input"])
        return
    missing = [o for o in ("--contexts", "--task", "--inputs", "--output-context") if o not in options]
    if missing:
        fail("missing " + ", ".join(missing), 2)
    context_protocol(step, options)


if __name__ == "__main__":
    main(sys.argv[1:])
