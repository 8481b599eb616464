/** Element checks before modelling: {@code @Component} and {@code @Pipeline} methods, and which Java types can be passed between steps. */
package dev.kfp4j.processor.validation;
