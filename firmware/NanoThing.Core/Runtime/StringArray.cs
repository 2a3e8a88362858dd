namespace NanoThing.Core.Runtime
{
    /// <summary>
    /// The one way Core makes a string array. Hazard (reference/nanoclr-runtime.md): in nanoCLR the elements of a new
    /// <c>string[]</c> are not null references until something is stored in them: <c>a[0] == null</c> is false and
    /// <c>a[0] != a[1]</c> dereferences a null text pointer (a hard fault on a board; nanoframework/Home#1545). So
    /// every element is stored explicitly here. tests/NanoThing.Surface.Tests fails on any other <c>new string[]</c>
    /// in Core's IL (array initializers and compiler-made params arrays that store every element are accepted).
    /// </summary>
    public static class StringArray
    {
        /// <summary>A new array of <paramref name="length"/> elements (at least 0), each explicitly null.</summary>
        public static string[] Create(int length)
        {
            string[] array = new string[length < 0 ? 0 : length];
            for (int i = 0; i < array.Length; i++)
            {
                array[i] = null;
            }

            return array;
        }
    }
}
