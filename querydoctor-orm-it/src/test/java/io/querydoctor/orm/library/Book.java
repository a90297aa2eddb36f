package io.querydoctor.orm.library;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A book: its branch is a lazy to-one (a proxy), its publisher an EAGER to-one. */
@Entity
@Table(name = "book")
public class Book {
  @Id
  private Long id;
  private String title;
  @ManyToOne(fetch = FetchType.LAZY)
  private Branch branch;
  @ManyToOne(fetch = FetchType.EAGER)
  private Publisher publisher;

  protected Book() {}

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public Branch getBranch() {
    return branch;
  }

  public Publisher getPublisher() {
    return publisher;
  }
}
