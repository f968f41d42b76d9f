using System.Globalization;
using System.Text.RegularExpressions;

namespace TemporalBridge.Testing.Temporal;

/// <summary>
/// Evaluates the part of Temporal's visibility query language that operators use to find workflows:
/// comparisons (<c>= != &gt; &gt;= &lt; &lt;=</c>), <c>IN (…)</c>, <c>STARTS_WITH</c>, <c>IS [NOT] NULL</c>,
/// <c>AND</c>, <c>OR</c>, <c>NOT</c> and parentheses, over WorkflowId, WorkflowType, RunId, TaskQueue,
/// ExecutionStatus and custom search attributes. Anything else is an error, as the server would answer.
/// </summary>
public static partial class VisibilityQuery
{
    public static bool Matches(SimulatedWorkflow workflow, string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return true;
        }
        var parser = new Parser(Tokenize(query), workflow);
        var result = parser.Or();
        parser.ExpectEnd();
        return result;
    }

    [GeneratedRegex(@"\s*(?:(?<str>'(?:[^']|'')*'|""[^""]*"")|(?<op>>=|<=|!=|=|>|<|\(|\)|,)|(?<word>[A-Za-z_][A-Za-z0-9_]*)|(?<num>-?\d+(?:\.\d+)?))")]
    private static partial Regex TokenPattern();

    private static List<string> Tokenize(string query)
    {
        var tokens = new List<string>();
        var position = 0;
        while (position < query.Length)
        {
            if (char.IsWhiteSpace(query[position]))
            {
                position++;
                continue;
            }
            var match = TokenPattern().Match(query, position);
            if (!match.Success || match.Index != position)
            {
                throw new ArgumentException($"Invalid visibility query near '{query[position..]}'.");
            }
            tokens.Add(match.Value.Trim());
            position += match.Length;
        }
        return tokens;
    }

    private sealed class Parser(List<string> tokens, SimulatedWorkflow workflow)
    {
        private int index;

        private string? Peek => index < tokens.Count ? tokens[index] : null;

        private bool Accept(string word)
        {
            if (string.Equals(Peek, word, StringComparison.OrdinalIgnoreCase))
            {
                index++;
                return true;
            }
            return false;
        }

        private string Next() => index < tokens.Count ? tokens[index++] : throw new ArgumentException("Visibility query ends too early.");

        public void ExpectEnd()
        {
            if (Peek != null)
            {
                throw new ArgumentException($"Unexpected '{Peek}' in visibility query.");
            }
        }

        public bool Or()
        {
            var result = And();
            while (Accept("OR"))
            {
                result |= And();
            }
            return result;
        }

        private bool And()
        {
            var result = Unary();
            while (Accept("AND"))
            {
                result &= Unary();
            }
            return result;
        }

        private bool Unary()
        {
            if (Accept("NOT"))
            {
                return !Unary();
            }
            if (Accept("("))
            {
                var inner = Or();
                if (!Accept(")"))
                {
                    throw new ArgumentException("Missing ')' in visibility query.");
                }
                return inner;
            }
            return Comparison();
        }

        private bool Comparison()
        {
            var field = Next();
            var value = FieldValue(field);
            if (Accept("IS"))
            {
                var negate = Accept("NOT");
                if (!Accept("NULL"))
                {
                    throw new ArgumentException("Expected NULL after IS.");
                }
                return (value == null) != negate;
            }
            if (Accept("STARTS_WITH"))
            {
                return value is string text && text.StartsWith(Literal(Next()), StringComparison.Ordinal);
            }
            var notIn = Accept("NOT");
            if (Accept("IN"))
            {
                if (!Accept("("))
                {
                    throw new ArgumentException("Expected '(' after IN.");
                }
                var found = false;
                do
                {
                    found |= Compare(value, "=", Literal(Next()));
                }
                while (Accept(","));
                if (!Accept(")"))
                {
                    throw new ArgumentException("Missing ')' after IN list.");
                }
                return found != notIn;
            }
            if (notIn)
            {
                throw new ArgumentException("Expected IN after NOT.");
            }
            var op = Next();
            return Compare(value, op, Literal(Next()));
        }

        private object? FieldValue(string field) => field switch
        {
            "WorkflowId" => workflow.WorkflowId,
            "WorkflowType" => workflow.WorkflowType,
            "RunId" => workflow.CurrentRun.RunId,
            "TaskQueue" => workflow.CurrentRun.TaskQueue,
            "ExecutionStatus" => workflow.Status.ToString(),
            _ => workflow.SearchAttributes.GetValueOrDefault(field),
        };

        private static string Literal(string token) =>
            token.Length >= 2 && (token[0] == '\'' || token[0] == '"') ? token[1..^1].Replace("''", "'", StringComparison.Ordinal) : token;

        private static bool Compare(object? actual, string op, string literal)
        {
            if (actual is IEnumerable<string> list && actual is not string)
            {
                // Keyword lists match when any element matches, as in Temporal.
                return op is "=" ? list.Contains(literal) : op is "!=" && !list.Contains(literal);
            }
            var order = actual switch
            {
                null => (int?)null,
                long number => number.CompareTo(long.Parse(literal, CultureInfo.InvariantCulture)),
                int number => number.CompareTo(int.Parse(literal, CultureInfo.InvariantCulture)),
                double number => number.CompareTo(double.Parse(literal, CultureInfo.InvariantCulture)),
                bool flag => flag.CompareTo(bool.Parse(literal)),
                DateTimeOffset time => time.CompareTo(DateTimeOffset.Parse(literal, CultureInfo.InvariantCulture)),
                DateTime time => time.CompareTo(DateTime.Parse(literal, CultureInfo.InvariantCulture)),
                _ => string.CompareOrdinal(actual.ToString(), literal),
            };
            return order is { } o && op switch
            {
                "=" => o == 0,
                "!=" => o != 0,
                ">" => o > 0,
                ">=" => o >= 0,
                "<" => o < 0,
                "<=" => o <= 0,
                _ => throw new ArgumentException($"Unknown operator '{op}' in visibility query."),
            };
        }
    }
}
