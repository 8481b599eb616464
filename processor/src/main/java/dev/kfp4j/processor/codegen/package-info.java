/** Generated Java (JavaPoet): one entrypoint class per component, and the files written through the Filer. */
package dev.kfp4j.processor.codegen;
