package io.querydoctor.orm.library;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A visit; its ids come from a pooled sequence (allocationSize 50: one nextval per 50 rows). */
@Entity
@Table(name = "visit")
public class Visit {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "visit_ids")
  @SequenceGenerator(name = "visit_ids", sequenceName = "visit_seq", allocationSize = 50)
  private Long id;
  private long branchId;
  private String member;

  protected Visit() {}

  public Visit(long branchId, String member) {
    this.branchId = branchId;
    this.member = member;
  }
}
