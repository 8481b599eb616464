package dev.kfp4j.cluster.kfp;

import java.util.List;

/**
 * One page of experiments ({@code v2beta1ListExperimentsResponse}).
 *
 * @param experiments the experiments of this page
 * @param totalSize how many match in all
 * @param nextPageToken the token for the next page, null or empty on the last
 */
public record ExperimentPage(List<Experiment> experiments, Integer totalSize, String nextPageToken) {

  /** Never null lists. */
  public ExperimentPage {
    experiments = experiments == null ? List.of() : List.copyOf(experiments);
  }
}
