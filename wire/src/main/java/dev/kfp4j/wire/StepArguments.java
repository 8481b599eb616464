package dev.kfp4j.wire;

/**
 * The command-line arguments of kfp4j's step programs: a generated entrypoint ({@code ComponentMain}), the init step
 * ({@code InitMain}), a loop's items and collect steps ({@code LoopMain}) and a plain container step's fetch and store
 * halves ({@code ContainerValuesMain}). The processor writes them into the Argo Workflow, the local runner passes
 * them to each task, and the step programs read them.
 */
public final class StepArguments {

  /** A JSON array of the contexts of the tasks a step uses (the init step's and its producers'). */
  public static final String CONTEXTS = "--contexts";
  /** The step's task path ({@code add}, {@code inner/summarize}, {@code loop/3/square}). */
  public static final String TASK = "--task";
  /** Where each input comes from: the {@link InputBindings} JSON. */
  public static final String INPUTS = "--inputs";
  /** The file the step writes its output context to. */
  public static final String OUTPUT_CONTEXT = "--output-context";
  /** The init step: one pipeline parameter, followed by its name, its kind and its value as text. */
  public static final String PARAM = "--param";
  /** The init step: the run's id. */
  public static final String RUN_ID = "--run-id";
  /** The init step: the storage folder of the run's values. */
  public static final String ROOT = "--root";
  /** The storage roots a step may read and write, comma-separated (besides {@link EnvironmentVariables#STORAGE_ROOTS}). */
  public static final String ROOTS = "--roots";
  /** A loop step: the binding of the list the loop iterates over. */
  public static final String ITEMS = "--items";
  /**
   * A loop's items step: the file it writes one binding per item to; a plain container step's store half: one
   * output, followed by its name, its kind and the file the program wrote it to.
   */
  public static final String OUTPUT = "--output";
  /** A loop's collect step: the collected outputs, as a JSON object of list name → value name in an iteration. */
  public static final String COLLECT = "--collect";
  /** {@code LoopMain}'s mode that lists a loop's items. */
  public static final String ITEMS_MODE = "items";
  /** {@code LoopMain}'s mode that gathers a loop's collected outputs into lists. */
  public static final String COLLECT_MODE = "collect";
  /** A plain container step's fetch half: an input artifact, followed by its name and the path to download it to. */
  public static final String ARTIFACT = "--artifact";
  /** A plain container step's fetch half: a folder to create for the program's outputs. */
  public static final String OUTPUTS_FOLDER = "--outputs-folder";
  /** A plain container step's store half: one output, followed by its name, its kind and the file holding its text. */
  public static final String OUTPUT_FILE = "--output-file";
  /**
   * A plain container step's store half: one output artifact, followed by its name, its schema title and the path
   * of the file or folder the program wrote.
   */
  public static final String OUTPUT_ARTIFACT = "--output-artifact";
  /** {@code ContainerValuesMain}'s mode that fetches a plain container step's inputs. */
  public static final String FETCH_MODE = "fetch";
  /** {@code ContainerValuesMain}'s mode that stores a plain container step's outputs. */
  public static final String STORE_MODE = "store";

  private StepArguments() {}
}
