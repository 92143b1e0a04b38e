package dev.stackwright.render.internal;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.tree.Node;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jinjava's parsed trees of the templates one {@link Templates} renders, keyed by the template's text, so a template is
 * parsed once rather than on every render (50,000 renders for 10,000 nodes). Keyed by the text, not the name, so a
 * template edited in a template directory is parsed anew.
 *
 * <p>Why a tree may be shared, across renders and threads (checked against Jinjava 2.8.4's bytecode and source):
 * {@code JinjavaInterpreter.render(String)} is exactly {@code render(parse(text))}; a tree and its tokens are written
 * only by {@code TreeParser} while it builds them (children, parents, whitespace trimming), and in the default
 * execution mode no node or tag changes a tree while it renders (only the eager {@code EagerIfTag} does, and
 * {@link Templates} does not use eager execution). Everything a render changes is the interpreter's and its context's,
 * which are per render. A tree is published through a {@link ConcurrentHashMap}, so a thread that gets one sees it
 * complete.
 *
 * <p>A parse that reported an error (an unknown tag, an unclosed block) is not kept: the error goes to the interpreter
 * that parsed, and a later render from a kept tree would not report it.
 */
final class ParsedTemplates {
  /** More distinct texts than this (templates edited again and again) empties the cache rather than let it grow. */
  private static final int MAX_TREES = 512;

  private final Map<String, Node> trees = new ConcurrentHashMap<>();

  /** The tree of {@code text}: a kept one, or parsed by {@code interpreter} (whose errors then are the parse's). */
  Node tree(String text, JinjavaInterpreter interpreter) {
    Node tree = trees.get(text);
    if (tree != null) {
      return tree;
    }
    int errors = interpreter.getErrorsCopy().size();
    tree = interpreter.parse(text);
    if (interpreter.getErrorsCopy().size() == errors) {
      if (trees.size() >= MAX_TREES) {
        trees.clear();
      }
      trees.putIfAbsent(text, tree);
    }
    return tree;
  }
}
