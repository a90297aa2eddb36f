package io.querydoctor.spring.boot.app;

import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jms.annotation.JmsListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** A JMS listener with the same N+1 as the controller; on only when {@code petclinic.audit=true}. */
@Component
@ConditionalOnProperty("petclinic.audit")
public class OwnerAudit {

  public static final String QUEUE = "owners.audit";

  private final OwnerRepository owners;
  private final AtomicInteger handled = new AtomicInteger();

  OwnerAudit(OwnerRepository owners) {
    this.owners = owners;
  }

  @JmsListener(destination = QUEUE)
  @Transactional(readOnly = true)
  public void onMessage(String request) {
    owners.findAll().forEach(owner -> owner.getPets().size());
    handled.incrementAndGet();
  }

  public int handled() {
    return handled.get();
  }
}
