package io.querydoctor.spring.boot.app;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import java.util.ArrayList;
import java.util.List;

/** An owner with a lazy collection of pets: reading it per owner in a loop is the N+1. */
@Entity
public class Owner {
  @Id
  @GeneratedValue
  private Long id;

  private String name;

  @OneToMany(mappedBy = "owner")
  private List<Pet> pets = new ArrayList<>();

  protected Owner() {}

  public Owner(String name) {
    this.name = name;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public List<Pet> getPets() {
    return pets;
  }
}
