package dev.kfp4j.cluster.kfp;

import java.util.List;

/**
 * One page of runs ({@code v2beta1ListRunsResponse}).
 *
 * @param runs the runs of this page
 * @param totalSize how many runs match in all
 * @param nextPageToken the token for the next page, null or empty on the last
 */
public record RunPage(List<Run> runs, Integer totalSize, String nextPageToken) {

  /** Never null lists. */
  public RunPage {
    runs = runs == null ? List.of() : List.copyOf(runs);
  }
}
