/** What must outlive a processing round: models, claimed names, and elements deferred until their types exist. */
package dev.kfp4j.processor.rounds;
