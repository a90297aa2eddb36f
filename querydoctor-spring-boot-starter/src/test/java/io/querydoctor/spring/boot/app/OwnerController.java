package io.querydoctor.spring.boot.app;

import java.util.List;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /owners} has the N+1 (each owner's pets loaded on its own); {@code GET /owners/{id}} has none. */
@RestController
public class OwnerController {

  private final OwnerRepository owners;

  OwnerController(OwnerRepository owners) {
    this.owners = owners;
  }

  public record OwnerView(String name, List<String> pets) {}

  @GetMapping("/owners")
  @Transactional(readOnly = true)
  public List<OwnerView> list() {
    return owners.findAll().stream().map(OwnerController::view).toList();
  }

  @GetMapping("/owners/{id}")
  @Transactional(readOnly = true)
  public OwnerView one(@PathVariable("id") long id) {
    return view(owners.findById(id).orElseThrow());
  }

  private static OwnerView view(Owner owner) {
    return new OwnerView(owner.getName(), owner.getPets().stream().map(Pet::getName).toList());
  }

  /** The ids, for the tests. */
  @GetMapping("/owner-ids")
  public List<Long> ids() {
    return owners.findAll().stream().map(Owner::getId).toList();
  }

}
