package cn.tongyou.bench;

import java.util.List;

/**
 * One hot path and its anchor. A scenario alternates product and anchor (A B A B …), keeps warm-up apart from the
 * measured rounds and returns its lines of the table.
 */
public interface Scenario {

    /** A short name, also the argument that selects it: {@code get-by-id}, {@code villages}, {@code relay} … */
    String name();

    List<Row> run(Bench bench) throws Exception;
}
