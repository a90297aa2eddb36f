package io.querydoctor.orm.library;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A library branch; its books are a lazy collection. Not final: Hibernate proxies it. */
@Entity
@Table(name = "branch")
public class Branch {
  @Id
  private Long id;
  private String name;
  @OneToMany(mappedBy = "branch")
  private List<Book> books = new ArrayList<>();

  protected Branch() {}

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public List<Book> getBooks() {
    return books;
  }
}
