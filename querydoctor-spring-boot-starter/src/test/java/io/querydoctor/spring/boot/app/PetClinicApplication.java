package io.querydoctor.spring.boot.app;

import java.util.List;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/** A small Spring Boot application for the starter's tests: Spring Data JPA on PostgreSQL, MVC, actuator. */
@SpringBootApplication
@EnableScheduling
public class PetClinicApplication {

  static final int OWNERS = 10;

  @Bean
  ApplicationRunner petClinicData(OwnerRepository owners, PetRepository pets) {
    return args -> {
      if (owners.count() > 0) {
        return;
      }
      for (int i = 1; i <= OWNERS; i++) {
        Owner owner = owners.save(new Owner("owner " + i));
        pets.saveAll(List.of(new Pet("cat " + i, owner), new Pet("dog " + i, owner)));
      }
    };
  }
}
