package example;

import com.google.gson.Gson;
import org.apache.commons.text.StringEscapeUtils;

public class Tool {
  public static void main(String[] args) {
    System.out.println(new Gson().toJson(StringEscapeUtils.escapeJava(String.join(" ", args))));
  }
}
