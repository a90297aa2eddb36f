-- TPC-H schema for the index-advisor benchmark (docs/performance.md): trino's io.trino.tpch 1.2 column types,
-- no index of any kind (no primary keys). The view is query 15's (trino's text defines it before the SELECT).

CREATE TABLE customer (
  c_custkey bigint,
  c_name varchar(25),
  c_address varchar(40),
  c_nationkey bigint,
  c_phone varchar(15),
  c_acctbal numeric(15,2),
  c_mktsegment varchar(10),
  c_comment varchar(117)
);

CREATE TABLE orders (
  o_orderkey bigint,
  o_custkey bigint,
  o_orderstatus varchar(1),
  o_totalprice numeric(15,2),
  o_orderdate date,
  o_orderpriority varchar(15),
  o_clerk varchar(15),
  o_shippriority integer,
  o_comment varchar(79)
);

CREATE TABLE lineitem (
  l_orderkey bigint,
  l_partkey bigint,
  l_suppkey bigint,
  l_linenumber integer,
  l_quantity numeric(15,2),
  l_extendedprice numeric(15,2),
  l_discount numeric(15,2),
  l_tax numeric(15,2),
  l_returnflag varchar(1),
  l_linestatus varchar(1),
  l_shipdate date,
  l_commitdate date,
  l_receiptdate date,
  l_shipinstruct varchar(25),
  l_shipmode varchar(10),
  l_comment varchar(44)
);

CREATE TABLE part (
  p_partkey bigint,
  p_name varchar(55),
  p_mfgr varchar(25),
  p_brand varchar(10),
  p_type varchar(25),
  p_size integer,
  p_container varchar(10),
  p_retailprice numeric(15,2),
  p_comment varchar(23)
);

CREATE TABLE partsupp (
  ps_partkey bigint,
  ps_suppkey bigint,
  ps_availqty integer,
  ps_supplycost numeric(15,2),
  ps_comment varchar(199)
);

CREATE TABLE supplier (
  s_suppkey bigint,
  s_name varchar(25),
  s_address varchar(40),
  s_nationkey bigint,
  s_phone varchar(15),
  s_acctbal numeric(15,2),
  s_comment varchar(101)
);

CREATE TABLE nation (
  n_nationkey bigint,
  n_name varchar(25),
  n_regionkey bigint,
  n_comment varchar(152)
);

CREATE TABLE region (
  r_regionkey bigint,
  r_name varchar(25),
  r_comment varchar(152)
);

CREATE VIEW revenue AS
  SELECT
    l_suppkey AS supplier_no,
    sum(l_extendedprice * (1 - l_discount)) AS total_revenue
  FROM
    lineitem
  WHERE
    l_shipdate >= DATE '1996-01-01'
    AND l_shipdate < DATE '1996-01-01' + INTERVAL '3' MONTH
GROUP BY
  l_suppkey;
