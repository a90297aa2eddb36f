package io.querydoctor.orm.library;

import java.util.List;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Select;

/** A MyBatis mapper over the branch table. */
public interface BranchMapper {

  @Select("SELECT name FROM branch WHERE id = #{id}")
  String nameById(long id);

  @Select("<script>SELECT name FROM branch WHERE id IN "
      + "<foreach item='id' collection='ids' open='(' separator=',' close=')'>#{id}</foreach></script>")
  List<String> namesByIds(@Param("ids") List<Long> ids);
}
