package io.querydoctor.orm.library;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A publisher, loaded EAGERly with each book. */
@Entity
@Table(name = "publisher")
public class Publisher {
  @Id
  private Long id;
  private String name;

  protected Publisher() {}

  public String getName() {
    return name;
  }
}
