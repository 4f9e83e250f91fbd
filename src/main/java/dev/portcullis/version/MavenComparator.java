package dev.portcullis.version;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maven versions as {@code ComparableVersion} (Maven 3.9) orders them: items split at {@code .},
 * {@code -} and digit/letter transitions, a hyphen or transition opening a nested list, known
 * qualifiers ordered {@code alpha < beta < milestone < rc < snapshot < "" < sp} and trailing null
 * items trimmed from every list.
 */
final class MavenComparator implements VersionComparator {

  private static final String SCHEME = "Maven";
  private static final List<String> QUALIFIERS =
      List.of("alpha", "beta", "milestone", "rc", "snapshot", "", "sp");

  private sealed interface Item permits Num, Qualifier, Sub {}

  private record Num(BigInteger value) implements Item {}

  /**
   * The name is lower case with the aliases already applied (cr is rc; ga, final, release are "").
   */
  private record Qualifier(String name) implements Item {}

  private record Sub(List<Item> items) implements Item {}

  /** A list while it is being built: its elements are Items and, last, at most one Builder. */
  private static final class Builder {
    final boolean openedByHyphen;
    final List<Object> elements = new ArrayList<>();

    Builder(boolean openedByHyphen) {
      this.openedByHyphen = openedByHyphen;
    }

    Builder open(boolean byHyphen) {
      Builder child = new Builder(byHyphen);
      elements.add(child);
      return child;
    }
  }

  @Override
  public int compare(String a, String b) {
    return Integer.signum(compareItems(parse(a), parse(b)));
  }

  @Override
  public String toString() {
    return SCHEME;
  }

  private static Sub parse(String text) {
    String v = VersionText.require(SCHEME, text).toLowerCase(Locale.ROOT);
    Builder root = new Builder(false);
    Builder list = root;
    boolean digit = false;
    int start = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '.' || c == '-') {
        list.elements.add(
            i == start ? new Num(BigInteger.ZERO) : item(digit, v.substring(start, i)));
        start = i + 1;
        if (c == '-') {
          list = list.open(true);
        }
      } else if (VersionText.isDigit(c)) {
        if (!digit && i > start) {
          // 1.0.0.X1 sorts like 1.0.0-X1: a qualifier after a dot still gets its own list.
          if (!list.elements.isEmpty()) {
            list = list.open(false);
          }
          list.elements.add(qualifier(v.substring(start, i), true));
          start = i;
          list = list.open(false);
        }
        digit = true;
      } else {
        if (digit && i > start) {
          list.elements.add(item(true, v.substring(start, i)));
          start = i;
          list = list.open(false);
        }
        digit = false;
      }
    }
    if (v.length() > start) {
      if (!digit && !list.elements.isEmpty()) {
        list = list.open(false);
      }
      list.elements.add(item(digit, v.substring(start)));
    }
    return (Sub) build(root, true);
  }

  /**
   * Freezes a list innermost first, trimming null items (0, "", empty lists) from its end, stepping
   * over nested lists as ComparableVersion does.
   *
   * <p>One deliberate difference: the POM reference says trailing nulls are trimmed "at each
   * hyphen", so {@code 1-ga-1 = 1-0-1 = 1-1}. ComparableVersion trims the null but keeps the now
   * empty level ([1, [[1]]]), ranking 1-ga-1 below 1-1. When trimming leaves a list holding nothing
   * but a list opened by a hyphen, that level is dropped, as the reference says. Apart from that
   * (and from taking only ASCII digits as digits, as Maven 4 does), the order is Maven 3.9's.
   */
  private static Item build(Builder builder, boolean root) {
    List<Item> items = new ArrayList<>();
    boolean hyphenChild = false;
    for (Object element : builder.elements) {
      if (element instanceof Builder child) {
        items.add(build(child, false));
        hyphenChild = child.openedByHyphen;
      } else {
        items.add((Item) element);
      }
    }
    for (int i = items.size() - 1; i >= 0; i--) {
      Item item = items.get(i);
      if (isNull(item)) {
        items.remove(i);
      } else if (!(item instanceof Sub)) {
        break;
      }
    }
    if (!root && hyphenChild && items.size() == 1 && items.get(0) instanceof Sub only) {
      return only;
    }
    return new Sub(List.copyOf(items));
  }

  private static Item item(boolean digit, String token) {
    return digit ? new Num(new BigInteger(token)) : qualifier(token, false);
  }

  private static Qualifier qualifier(String token, boolean followedByDigit) {
    String name = token;
    if (followedByDigit && token.length() == 1) {
      // a1 = alpha-1, b1 = beta-1, m1 = milestone-1; alone, "a" is just an unknown qualifier.
      switch (token.charAt(0)) {
        case 'a' -> name = "alpha";
        case 'b' -> name = "beta";
        case 'm' -> name = "milestone";
        default -> {}
      }
    }
    return switch (name) {
      case "ga", "final", "release" -> new Qualifier("");
      case "cr" -> new Qualifier("rc");
      default -> new Qualifier(name);
    };
  }

  private static boolean isNull(Item item) {
    if (item instanceof Num n) {
      return n.value().signum() == 0;
    }
    if (item instanceof Qualifier q) {
      return q.name().isEmpty();
    }
    return ((Sub) item).items().isEmpty();
  }

  /** {@code y} null stands for the padding of the shorter list. */
  private static int compareItems(Item x, Item y) {
    if (x instanceof Num n) {
      if (y == null) {
        return n.value().signum();
      }
      // 1.1 > 1-1 > 1-sp: a number beats a nested list and a qualifier.
      return y instanceof Num m ? n.value().compareTo(m.value()) : 1;
    }
    if (x instanceof Qualifier q) {
      if (y == null) {
        return compareQualifiers(q.name(), "");
      }
      return y instanceof Qualifier r ? compareQualifiers(q.name(), r.name()) : -1;
    }
    List<Item> items = ((Sub) x).items();
    if (y == null) {
      for (Item item : items) {
        int c = compareItems(item, null);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
    if (!(y instanceof Sub other)) {
      return y instanceof Num ? -1 : 1;
    }
    List<Item> others = other.items();
    for (int i = 0; i < Math.max(items.size(), others.size()); i++) {
      Item l = i < items.size() ? items.get(i) : null;
      Item r = i < others.size() ? others.get(i) : null;
      int c = l == null ? -compareItems(r, null) : compareItems(l, r);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  // Known qualifiers in their order, then unknown ones alphabetically.
  private static int compareQualifiers(String a, String b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    return ra == QUALIFIERS.size() ? Integer.signum(a.compareTo(b)) : 0;
  }

  private static int rank(String qualifier) {
    int i = QUALIFIERS.indexOf(qualifier);
    return i < 0 ? QUALIFIERS.size() : i;
  }
}
