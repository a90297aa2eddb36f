package io.querydoctor.core.diagnosis;

/**
 * Told about long work so that the user sees it move. Called on the working thread; implementations must
 * be cheap and must not throw.
 */
public interface ProgressListener {

  ProgressListener NONE = new ProgressListener() {
    @Override
    public void step(String description) {}

    @Override
    public void progress(String task, long done, long total) {}
  };

  /** A new step has started ("loading demo data", "health checks"). */
  void step(String description);

  /** {@code done} of {@code total} units of {@code task} are complete; {@code total} may be 0 when unknown. */
  void progress(String task, long done, long total);
}
