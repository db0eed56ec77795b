"""jupyter_kernel_test's conformance suite against the course's kernel (JUPYTER_PATH must hold its kernelspec)."""
import unittest, jupyter_kernel_test as jkt
class CourseKernelTests(jkt.KernelTests):
    kernel_name = "networking-lessons-csharp"
    language_name = "csharp"
    file_extension = ".cs"
    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("oops");'
    completion_samples = [{"text": "Console.WriteL", "matches": {"WriteLine"}}, {"text": "var answer = 42;\nansw", "matches": {"answer"}}]
    complete_code_samples = ["1", "Console.WriteLine(1);", "for (var i = 0; i < 3; i++) { }"]
    incomplete_code_samples = ["for (var i = 0; i < 3; i++) {", "Console.WriteLine(1"]
    invalid_code_samples = ["1 +* ;", "}"]
    code_generate_error = 'throw new InvalidOperationException("boom");'
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": "\"text\"", "result": "text"}]
    code_display_data = [{"code": 'display(HTML("<b>bold</b>"));', "mime": "text/html"}]
    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 ?*"
    code_inspect_sample = "Console.WriteLine"
    code_clear_output = "ClearOutput();"
if __name__ == "__main__":
    unittest.main()
