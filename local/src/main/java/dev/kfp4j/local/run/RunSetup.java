package dev.kfp4j.local.run;

import dev.kfp4j.local.cache.CacheStore;
import dev.kfp4j.local.exec.Entrypoints;
import dev.kfp4j.local.exec.RunControl;
import dev.kfp4j.local.exec.TaskExecutor;
import dev.kfp4j.local.plan.Plan;
import dev.kfp4j.runtime.storage.StorageSettings;
import java.net.URI;
import java.util.Map;

/**
 * Everything one run of the scheduler needs.
 *
 * @param plan the pipeline's tasks
 * @param directory the run's folder
 * @param root the storage root of its values
 * @param settings storage settings
 * @param executor how a task attempt runs
 * @param entrypoints the entrypoint classes
 * @param cache the cache store
 * @param useCache whether cached executions are reused and new ones recorded (false with --no-cache)
 * @param parallelism how many tasks may run at once
 * @param control stops the run
 * @param listener follows the run
 * @param initContext the init step's context (JSON)
 * @param reused the output contexts of tasks that succeeded in the run being resumed
 * @param resumed whether this continues an earlier run (whose failed tasks may have left files)
 * @param containers runs container steps
 */
public record RunSetup(Plan plan, RunDirectory directory, URI root, StorageSettings settings, TaskExecutor executor,
    Entrypoints entrypoints, CacheStore cache, boolean useCache, int parallelism, RunControl control,
    RunProgress listener, String initContext, Map<String, String> reused,
    boolean resumed, dev.kfp4j.local.container.ContainerStepRunner containers) {}
