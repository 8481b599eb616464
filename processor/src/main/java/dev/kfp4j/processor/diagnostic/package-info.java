/** The message catalogue and where each message is reported (element, annotation value, or expression). */
package dev.kfp4j.processor.diagnostic;
