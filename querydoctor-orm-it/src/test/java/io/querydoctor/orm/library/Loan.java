package io.querydoctor.orm.library;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** A loan; its ids come from a sequence one at a time (allocationSize 1: one nextval per row). */
@Entity
@Table(name = "loan")
public class Loan {
  @Id
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "loan_ids")
  @SequenceGenerator(name = "loan_ids", sequenceName = "loan_seq", allocationSize = 1)
  private Long id;
  private long bookId;
  private String member;

  protected Loan() {}

  public Loan(long bookId, String member) {
    this.bookId = bookId;
    this.member = member;
  }
}
