package io.querydoctor.orm.library;

import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * The application under test: a small library service written the way an application developer would, each
 * data-access pattern in its own method. A line ending in a {@code // site:NAME} comment is where a finding's
 * call site must point (the tests read these markers from this file).
 */
public final class LibraryApp {

  private final SessionFactory sessions;

  public LibraryApp(SessionFactory sessions) {
    this.sessions = sessions;
  }

  private <T> T inTransaction(Function<Session, T> work) {
    try (Session session = sessions.openSession()) {
      session.beginTransaction();
      T result = work.apply(session);
      session.getTransaction().commit();
      return result;
    }
  }

  /** Lazy collection in a loop: one query per branch (or per batch with batch fetching). */
  public int booksPerBranch(int branches) {
    return inTransaction(session -> {
      int books = 0;
      for (Branch branch : session.createQuery("from Branch b where b.id <= :n order by b.id", Branch.class)
          .setParameter("n", (long) branches).getResultList()) {
        books += branch.getBooks().size(); // site:lazy-collection
      }
      return books;
    });
  }

  /** The fix: JOIN FETCH, one query. */
  public int booksPerBranchJoinFetch(int branches) {
    return inTransaction(session -> {
      int books = 0;
      for (Branch branch : session.createQuery(
          "select distinct b from Branch b left join fetch b.books k left join fetch k.publisher "
              + "where b.id <= :n order by b.id", Branch.class)
          .setParameter("n", (long) branches).getResultList()) {
        books += branch.getBooks().size();
      }
      return books;
    });
  }

  /** Lazy to-one proxy in a loop: the branch of each book is initialized one by one. */
  public List<String> branchNamesOfBooks(int books) {
    return inTransaction(session -> {
      List<String> names = new ArrayList<>();
      // The EAGER publisher is fetched with the books: only the lazy branch is left to the loop.
      for (Book book : session.createQuery("from Book b join fetch b.publisher where b.id <= :n order by b.id",
          Book.class).setParameter("n", (long) books).getResultList()) {
        names.add(book.getBranch().getName()); // site:lazy-proxy
      }
      return names;
    });
  }

  /** find(id) in a loop. */
  public List<String> branchNamesById(List<Long> ids) {
    return inTransaction(session -> {
      List<String> names = new ArrayList<>();
      for (Long id : ids) {
        names.add(session.find(Branch.class, id).getName()); // site:find-loop
      }
      return names;
    });
  }

  /** The fix: multi-id loading, one query per batch of ids. */
  public List<String> branchNamesByIds(List<Long> ids) {
    return inTransaction(session -> session.findMultiple(Branch.class, ids).stream().map(Branch::getName).toList());
  }

  /** The other fix: {@code where id in :ids}. */
  public List<String> branchNamesByIdList(List<Long> ids) {
    return inTransaction(session -> session.createQuery("from Branch b where b.id in :ids", Branch.class)
        .setParameter("ids", ids).getResultList().stream().map(Branch::getName).toList());
  }

  /** EAGER to-one: listing books loads each distinct publisher with a query of its own. */
  public List<String> publishersOfBooks(int books) {
    return inTransaction(session -> {
      String hql = "from Book b where b.id <= :n order by b.id";
      List<Book> found = session.createQuery(hql, Book.class).setParameter("n", (long) books).getResultList(); // site:eager-list
      return found.stream().map(b -> b.getPublisher().getName()).toList();
    });
  }

  /** Loans with ids from a sequence of allocationSize 1: one nextval round trip per loan. */
  public void recordLoans(int count) {
    inTransaction(session -> {
      for (int i = 0; i < count; i++) {
        session.persist(new Loan(i % 800 + 1, "member " + i)); // site:sequence-per-row
      }
      return null;
    });
  }

  /** Visits with ids from a pooled sequence (allocationSize 50); batched when the factory sets a batch size. */
  public void recordVisits(int count) {
    try (Session session = sessions.openSession()) {
      session.beginTransaction();
      for (int i = 0; i < count; i++) {
        session.persist(new Visit(i % 400 + 1, "member " + i));
      }
      session.getTransaction().commit(); // site:insert-flush
    }
  }

  /**
   * Settles a fee: locks the account (SELECT … FOR UPDATE), does slow non-database work (a remote payment call)
   * while holding the lock, then writes.
   */
  public void settleFee(long accountId, long slowWorkMillis) {
    try (Session session = sessions.openSession()) {
      session.beginTransaction();
      Account account = session.find(Account.class, accountId, LockModeType.PESSIMISTIC_WRITE);
      pause(slowWorkMillis);
      account.charge(5);
      session.getTransaction().commit(); // site:lock-held
    }
  }

  /** Plain inserts with CPU-bound work between them (rendering, hashing): no row anyone else waits for. */
  public void recordVisitsSlowly(int count, long workMillisEach) {
    try (Session session = sessions.openSession()) {
      session.beginTransaction();
      for (int i = 0; i < count; i++) {
        session.persist(new Visit(i % 400 + 1, "member " + i));
        session.flush();
        spin(workMillisEach);
      }
      session.getTransaction().commit();
    }
  }

  /** A read-only transaction with CPU-bound work between its reads. */
  public int readSlowly(int reads, long workMillisEach) {
    try (Session session = sessions.openSession()) {
      session.beginTransaction();
      int found = 0;
      for (int i = 1; i <= reads; i++) {
        found += session.createQuery("from Book b where b.id = :id", Book.class).setParameter("id", (long) i)
            .getResultList().size();
        session.clear();
        spin(workMillisEach);
      }
      session.getTransaction().commit();
      return found;
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Burns CPU for about {@code millis} (busy work, not sleep). */
  static long spin(long millis) {
    long end = System.nanoTime() + millis * 1_000_000L;
    long x = 0;
    while (System.nanoTime() < end) {
      x = x * 31 + 7;
    }
    return x;
  }
}
