package io.querydoctor.core.advisor;

/** Which candidate rule proposed an index, and so why it has its shape. */
public enum CandidateKind {
  ORDERED("equality columns first, then the range or sort column"),
  COVERING("the ordered keys plus INCLUDE of the other columns the query reads, for an index-only scan"),
  PARTIAL("only the rows a constant filter of the query keeps"),
  EXPRESSION("the expression a non-sargable filter compares"),
  GIN("jsonb or array containment");

  private final String why;

  CandidateKind(String why) {
    this.why = why;
  }

  public String why() {
    return why;
  }
}
