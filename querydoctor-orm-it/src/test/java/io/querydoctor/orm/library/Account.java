package io.querydoctor.orm.library;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A member's fee account, locked pessimistically while a fee is settled. */
@Entity
@Table(name = "account")
public class Account {
  @Id
  private Long id;
  private long balance;

  protected Account() {}

  public void charge(long amount) {
    balance += amount;
  }
}
