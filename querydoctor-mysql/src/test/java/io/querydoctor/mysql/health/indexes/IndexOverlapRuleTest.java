package io.querydoctor.mysql.health.indexes;

import static org.assertj.core.api.Assertions.assertThat;

import io.querydoctor.core.finding.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexOverlapRuleTest {

  private static IndexDefinitionCheck.Row index(String engine, String name, boolean unique, String... columns) {
    return new IndexDefinitionCheck.Row("shop", "t", name, unique, "BTREE", engine, List.of(columns));
  }

  @Test
  void thePrimaryKeySuffixMakesADuplicateOnInnoDbOnly() {
    List<IndexDefinitionCheck.Row> innoDb = List.of(index("InnoDB", "PRIMARY", true, "id"),
        index("InnoDB", "t_a", false, "a"), index("InnoDB", "t_a_id", false, "a", "id"));
    assertThat(new IndexOverlapRule().evaluate(innoDb)).extracting(Finding::ruleId).containsExactly("duplicate-index");
    List<IndexDefinitionCheck.Row> myIsam = List.of(index("MyISAM", "PRIMARY", true, "id"),
        index("MyISAM", "t_a", false, "a"), index("MyISAM", "t_a_id", false, "a", "id"));
    assertThat(new IndexOverlapRule().evaluate(myIsam)).extracting(Finding::ruleId).containsExactly("redundant-index");
  }

  @Test
  void aPrefixNamesTheLongestIndexAndUniqueIndexesAreKept() {
    List<Finding> findings = new IndexOverlapRule().evaluate(List.of(index("InnoDB", "PRIMARY", true, "id"),
        index("InnoDB", "t_a", false, "a"), index("InnoDB", "t_ab", false, "a", "b"),
        index("InnoDB", "t_abc", false, "a", "b", "c"), index("InnoDB", "t_x_unique", true, "x"),
        index("InnoDB", "t_xy", false, "x", "y")));
    assertThat(findings).extracting(Finding::title).containsExactlyInAnyOrder(
        "Index t_a is a left prefix of t_abc on t", "Index t_ab is a left prefix of t_abc on t");
  }

  @Test
  void differentColumnsAreSilent() {
    assertThat(new IndexOverlapRule().evaluate(List.of(index("InnoDB", "PRIMARY", true, "id"),
        index("InnoDB", "t_a", false, "a"), index("InnoDB", "t_ba", false, "b", "a")))).isEmpty();
  }
}
